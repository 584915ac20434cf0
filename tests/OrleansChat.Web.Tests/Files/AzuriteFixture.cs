using OrleansChat.Testing;

namespace OrleansChat.Web.Tests.Files;

/// <summary>One Azurite for a test class; each test takes a container of its own.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public AzuriteServer Server { get; private set; } = null!;

    /// <summary>A container name nobody has used (lowercase letters and digits, as Azure requires).</summary>
    public static string NewContainerName() => $"test{Guid.NewGuid():N}";

    public async Task InitializeAsync() => Server = await AzuriteServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
