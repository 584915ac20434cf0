namespace OrleansChat.Web.Files;

/// <summary>
/// Files in a folder (embedded mode: <c>files</c> under <c>Chat:DataDirectory</c>), two levels of 256
/// subfolders deep so that no folder grows past a few thousand entries. A file is written beside its place and
/// moved there, so a reader never sees half of one.
/// </summary>
public sealed class FolderFileStore(string root) : IFileStore
{
    public async Task SaveAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            return Task.FromResult<Stream?>(new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true));
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        // File.Delete is quiet about a missing file, but not about a missing folder.
        if (File.Exists(path)) File.Delete(path);
        return Task.CompletedTask;
    }

    private string PathOf(string key) =>
        key.Length > 4 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? Path.Combine(root, key[..2], key[2..4], key)
            : throw new ArgumentException($"'{key}' is not a file store key.", nameof(key));
}
