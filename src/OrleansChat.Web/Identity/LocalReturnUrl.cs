namespace OrleansChat.Web.Identity;

/// <summary>Where a sign-in may send the browser back to: paths of this site only, never another origin.</summary>
internal static class LocalReturnUrl
{
    public const string Default = "/agent";

    /// <summary>
    /// A path such as <c>/agent</c>; not <c>//host</c> or <c>/\host</c> (browsers read both as another origin), nor
    /// anything with control characters.
    /// </summary>
    public static bool IsLocal(string? url) =>
        url is ['/', ..] && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && !url.Any(char.IsControl);

    public static string OrDefault(string? url) => IsLocal(url) ? url! : Default;
}
