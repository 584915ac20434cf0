using System.Net.Mail;

namespace OrleansChat.Contracts;

/// <summary>What the desk accepts as an e-mail address: a bare address (no display name) that SMTP can carry.</summary>
public static class EmailAddresses
{
    public const int MaxLength = 254;

    public static bool IsValid(string? email) =>
        email is { Length: > 0 and <= MaxLength }
        && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && MailAddress.TryCreate(email, out var address)
        && address.Address == email
        && address.Host.Contains('.');
}
