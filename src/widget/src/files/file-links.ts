import type { ChatApi, FileLink } from "@orleanschat/client";
import { safeHref } from "../links";

/** A signed link made absolute: `url` opens the file, `thumbnailUrl` its preview (images that have one). */
export interface SignedFile {
  url: string;
  thumbnailUrl: string | null;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/** A link this close to its end is fetched again rather than handed out (an image may load a little later). */
const marginMs = 60_000;

/**
 * The signed links of a room's files, for `<img src>` and `<a href>`, which cannot carry a bearer token. Each is
 * fetched once while it lasts (many renders of the same message share it) and again when it nears its end or
 * did not work. Only http(s) URLs under the server's base URL are handed out.
 */
export class FileLinks {
  private readonly held = new Map<string, SignedFile>();
  private readonly fetching = new Map<string, Promise<SignedFile>>();

  constructor(
    private readonly baseUrl: string,
    private readonly fetchLink: (fileId: string) => Promise<FileLink>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The links of a room's files, fetched through the API. */
  static forRoom(api: ChatApi, roomId: string): FileLinks {
    return new FileLinks(api.baseUrl, (fileId) => api.fileLink(roomId, fileId));
  }

  /** A link valid now, if one is held: a click must open its window at once, not after a request. */
  current(fileId: string): SignedFile | null {
    const link = this.held.get(fileId);
    return link && link.expiresAt - marginMs > this.now() ? link : null;
  }

  /** A link valid for a while yet: the held one, else a fresh one (one request for all who ask meanwhile). */
  get(fileId: string): Promise<SignedFile> {
    const link = this.current(fileId);
    if (link) return Promise.resolve(link);
    let fetching = this.fetching.get(fileId);
    if (!fetching) {
      fetching = this.fetchLink(fileId).then((answer) => this.signed(answer)).then((signed) => {
        this.held.set(fileId, signed);
        return signed;
      }).finally(() => this.fetching.delete(fileId));
      this.fetching.set(fileId, fetching);
    }
    return fetching;
  }

  /** The link did not work (an image failed to load, perhaps expired early): the next `get` fetches anew. */
  forget(fileId: string): void {
    this.held.delete(fileId);
  }

  private signed(link: FileLink): SignedFile {
    const url = this.absolute(link.url);
    if (!url) throw new Error("The server sent a file link that is not a path of its own.");
    return { url, thumbnailUrl: link.thumbnailUrl ? this.absolute(link.thumbnailUrl) : null, expiresAt: Date.parse(link.expiresAt) };
  }

  /** Paths of the server only: an absolute or protocol-relative URL could lead anywhere, or be script. */
  private absolute(path: string): string | null {
    return path.startsWith("/") && !path.startsWith("//") ? safeHref(this.baseUrl + path) : null;
  }
}
