using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace OrleansChat.Web.Auth;

/// <summary>
/// The key tokens are signed and checked with: <c>Chat:Auth:SigningKey</c>, or in embedded mode a random key
/// generated once and kept in the data directory so that tokens outlive a restart.
/// </summary>
internal static class SigningKey
{
    private const int MinimumBytes = 32;
    private const string FileName = "signing.key";

    public static SymmetricSecurityKey Resolve(IConfiguration configuration, ChatAuthOptions options)
    {
        if (!string.IsNullOrEmpty(options.SigningKey))
        {
            var configured = Encoding.UTF8.GetBytes(options.SigningKey);
            if (configured.Length < MinimumBytes)
            {
                throw new InvalidOperationException($"Chat:Auth:SigningKey must be at least {MinimumBytes} bytes.");
            }
            return new SymmetricSecurityKey(configured);
        }
        if (!configuration.IsEmbedded())
        {
            throw new InvalidOperationException("Chat:Auth:SigningKey is required outside embedded mode: every web replica must share it.");
        }
        return new SymmetricSecurityKey(ReadOrCreate(Path.Combine(configuration.DataDirectory(), FileName)));
    }

    private static byte[] ReadOrCreate(string path)
    {
        if (File.Exists(path)) return Convert.FromBase64String(File.ReadAllText(path).Trim());
        var key = RandomNumberGenerator.GetBytes(MinimumBytes);
        var temporary = path + "." + Guid.NewGuid().ToString("N");
        File.WriteAllText(temporary, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            File.Move(temporary, path, overwrite: false);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
            File.Delete(temporary);
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
    }
}
