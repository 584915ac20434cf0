using Microsoft.Extensions.Options;
using OrleansChat.Contracts;

namespace OrleansChat.Web.Apis;

/// <summary>
/// The protocol's input limits, checked the same way for REST and the hub. Collect problems per field, then
/// <see cref="ThrowIfInvalid"/>.
/// </summary>
public sealed class InputRules(IOptions<ChatLimits> options)
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public ChatLimits Limits => options.Value;

    public InputRules Id(string field, string? value)
    {
        if (!Limits.IsValidId(value)) Add(field, $"{field} must be 1-{Limits.MaxIdLength} characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'.");
        return this;
    }

    /// <summary>A message's text: 1 to the maximum after trimming, or empty when the message carries files.</summary>
    public InputRules MessageText(string? text, bool withFiles = false)
    {
        var length = text?.Trim().Length ?? 0;
        if (text?.Contains('\0') == true) Add("text", NulRefused("text"));
        else if ((length == 0 && !withFiles) || length > Limits.MaxMessageLength)
        {
            Add("text", withFiles
                ? $"text must be at most {Limits.MaxMessageLength} characters after trimming (it has {length})."
                : $"text must be 1-{Limits.MaxMessageLength} characters after trimming (it has {length}).");
        }
        return this;
    }

    /// <summary>The files a message carries: ids of uploads, each once, at most the limit.</summary>
    public InputRules FileIds(IReadOnlyList<string?>? fileIds)
    {
        if (fileIds is null) return this;
        if (fileIds.Count > Limits.MaxFilesPerMessage) Add("fileIds", $"A message may carry at most {Limits.MaxFilesPerMessage} files.");
        if (fileIds.Any(id => !Files.FileKeys.IsFileId(id))) Add("fileIds", "fileIds must be the ids that uploads returned.");
        else if (fileIds.Distinct(StringComparer.Ordinal).Count() != fileIds.Count) Add("fileIds", "A file can be attached once per message.");
        return this;
    }

    /// <summary>A reaction: one emoji (or a short code) of up to the maximum, with no spaces or control characters.</summary>
    public InputRules Emoji(string? emoji)
    {
        if (string.IsNullOrEmpty(emoji) || emoji.Length > Limits.MaxEmojiLength || emoji.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            Add("emoji", $"emoji must be 1-{Limits.MaxEmojiLength} characters with no spaces.");
        }
        return this;
    }

    /// <summary>A message's seq: 1 or more.</summary>
    public InputRules Seq(long seq) => Require(seq >= 1, "seq", "seq must be 1 or more.");

    public InputRules ClientMessageId(string? clientMessageId)
    {
        if (string.IsNullOrEmpty(clientMessageId) || clientMessageId.Length > Limits.MaxClientMessageIdLength)
        {
            Add("clientMessageId", $"clientMessageId must be 1-{Limits.MaxClientMessageIdLength} characters.");
        }
        else if (clientMessageId.Contains('\0')) Add("clientMessageId", NulRefused("clientMessageId"));
        return this;
    }

    /// <summary>PostgreSQL's text cannot hold U+0000: refused everywhere, so both modes take the same input.</summary>
    public static string NulRefused(string field) => $"{field} may not contain the NUL character (U+0000).";

    public InputRules RoomName(string? name)
    {
        var length = name?.Trim().Length ?? 0;
        if (length == 0 || length > Limits.MaxRoomNameLength) Add("name", $"name must be 1-{Limits.MaxRoomNameLength} characters.");
        return this;
    }

    public InputRules Require(bool condition, string field, string message)
    {
        if (!condition) Add(field, message);
        return this;
    }

    /// <summary>Parses an optional whole number of at least <paramref name="minimum"/>.</summary>
    public long? Number(string field, string? value, long minimum)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (long.TryParse(value, out var number) && number >= minimum) return number;
        Add(field, $"{field} must be a whole number of at least {minimum}.");
        return null;
    }

    /// <summary>The page size: default when absent, else 1 to the maximum.</summary>
    public int PageLimit(string? value) => Limit(value, Limits.DefaultPageSize, Limits.MaxPageSize);

    /// <summary>What to search for: some words (see <see cref="SearchTerms"/>), not too long, not too many.</summary>
    public InputRules SearchText(string? q)
    {
        var length = q?.Trim().Length ?? 0;
        if (length == 0 || length > Limits.MaxSearchLength)
        {
            Add("q", $"q must be 1-{Limits.MaxSearchLength} characters after trimming (it has {length}).");
        }
        else if (SearchTerms.Parse(q) is not { } terms)
        {
            Add("q", "q must hold a word to look for (letters or digits); operators and punctuation alone match nothing.");
        }
        else if (terms.Terms.Count > SearchTerms.MaxTerms)
        {
            Add("q", $"q may hold at most {SearchTerms.MaxTerms} words.");
        }
        return this;
    }

    /// <summary>A search cursor is opaque, but never longer than the ones a search hands out.</summary>
    public InputRules SearchCursor(string? before)
    {
        if (before is { Length: > 128 }) Add("before", "before must be the next of an earlier page of this search.");
        return this;
    }

    /// <summary>Hits per search page: default when absent, else 1 to the maximum.</summary>
    public int SearchLimit(string? value) => Limit(value, Limits.DefaultSearchPageSize, Limits.MaxSearchPageSize);

    private int Limit(string? value, int defaultSize, int maxSize)
    {
        if (string.IsNullOrEmpty(value)) return defaultSize;
        if (int.TryParse(value, out var limit) && limit >= 1 && limit <= maxSize) return limit;
        Add("limit", $"limit must be a whole number from 1 to {maxSize}.");
        return defaultSize;
    }

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0) throw new InvalidInputException(new Dictionary<string, string[]>(_errors));
    }

    private void Add(string field, string message) =>
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
}
