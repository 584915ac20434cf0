using System.Buffers;

namespace OrleansChat.Contracts;

/// <summary>The protocol's input limits (configurable under <c>Chat:Limits</c>).</summary>
public sealed class ChatLimits
{
    public const string SectionName = "Chat:Limits";

    private static readonly SearchValues<char> IdCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-");

    /// <summary>The longest mute a moderator may give, in seconds (30 days). Fixed: the room grain checks it too.</summary>
    public const int MaxMuteSeconds = 30 * 24 * 60 * 60;

    public int MaxIdLength { get; set; } = 64;
    public int MaxMessageLength { get; set; } = 4000;
    public int MaxClientMessageIdLength { get; set; } = 64;
    /// <summary>A reaction's length in UTF-16 units: room for the longest emoji sequences (families, flags with tags).</summary>
    public int MaxEmojiLength { get; set; } = 32;
    public int MaxRoomNameLength { get; set; } = 100;
    public int MaxPageSize { get; set; } = 200;
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>The longest search text (<c>q</c>), in characters after trimming.</summary>
    public int MaxSearchLength { get; set; } = 200;

    /// <summary>Hits per search page: at most, and when the caller names no <c>limit</c>.</summary>
    public int MaxSearchPageSize { get; set; } = 50;
    public int DefaultSearchPageSize { get; set; } = 20;

    /// <summary>The largest file one upload may carry, in bytes (as uploaded).</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The most bytes the files of one message may take together.</summary>
    public long MaxMessageFileBytes { get; set; } = 10 * 1024 * 1024;

    public int MaxFilesPerMessage { get; set; } = 10;

    /// <summary>File names are cut to this many characters.</summary>
    public int MaxFileNameLength { get; set; } = 200;

    /// <summary>The largest image decoded, in pixels (width times height): a small file can unpack into gigabytes.</summary>
    public long MaxImagePixels { get; set; } = 40_000_000;

    /// <summary>
    /// The content types an upload may be, as decided from its bytes (see the README); null for the default list.
    /// A site can narrow or widen it with <c>Chat:Sites:{siteId}:AllowedFileTypes</c>.
    /// </summary>
    public string[]? AllowedFileTypes { get; set; }

    /// <summary>Messages, and uploads, one user may send per minute through one web node.</summary>
    public int MessagesPerMinute { get; set; } = 600;

    /// <summary>Joins, typing, read marks and status changes one user may make per minute through one web node.</summary>
    public int LiveCallsPerMinute { get; set; } = 600;

    /// <summary>Searches one user may make per minute through one web node: each is a full-text query of the database.</summary>
    public int SearchesPerMinute { get; set; } = 120;

    /// <summary>Widget sessions one site may open per minute through one web node.</summary>
    public int SessionsPerSitePerMinute { get; set; } = 1200;

    /// <summary>Widget sessions one client address may open per minute through one web node.</summary>
    public int SessionsPerAddressPerMinute { get; set; } = 60;

    /// <summary>Hub connection attempts one client address may make per minute through one web node.</summary>
    public int ConnectionAttemptsPerAddressPerMinute { get; set; } = 300;

    /// <summary>Hub connections one user may hold at once on one web node.</summary>
    public int ConnectionsPerUser { get; set; } = 20;

    /// <summary>Room and user ids: 1 to <see cref="MaxIdLength"/> of <c>[A-Za-z0-9._:-]</c>.</summary>
    public bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxIdLength && !id.AsSpan().ContainsAnyExcept(IdCharacters);
}
