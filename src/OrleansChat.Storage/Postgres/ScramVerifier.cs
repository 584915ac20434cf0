using System.Security.Cryptography;
using System.Text;

namespace OrleansChat.Storage.Postgres;

/// <summary>
/// A password as PostgreSQL stores it for SCRAM-SHA-256 (RFC 5802/7677), made on this side as psql's
/// <c>\password</c> does: the password itself never reaches the server, so no statement log can record it.
/// </summary>
public static class ScramVerifier
{
    private const int Iterations = 4096;

    public static string For(string password)
    {
        // PostgreSQL normalizes with SASLprep, which leaves NFKC text as it is; compatibility characters of other
        // forms would need the full profile.
        var normalized = password.Normalize(NormalizationForm.FormKC);
        var salt = RandomNumberGenerator.GetBytes(16);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(normalized), salt, Iterations, HashAlgorithmName.SHA256, 32);
        var storedKey = SHA256.HashData(HMACSHA256.HashData(salted, "Client Key"u8));
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return $"SCRAM-SHA-256${Iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }
}
