namespace OrleansChat.Web.Files;

/// <summary>The file store failed: answered 503, so the client retries (uploads with their clientFileId).</summary>
public sealed class FileStoreUnavailableException(Exception inner)
    : Exception("The file store is unavailable; retry shortly (an upload with the same clientFileId is safe to repeat).", inner);
