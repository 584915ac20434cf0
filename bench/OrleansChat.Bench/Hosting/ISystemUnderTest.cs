using OrleansChat.Bench.Load.Clients;

namespace OrleansChat.Bench.Hosting;

/// <summary>A chat server the load runs against, started as real processes on loopback.</summary>
public interface ISystemUnderTest : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Where the process that holds the clients' connections listens.</summary>
    Uri BaseAddress { get; }

    /// <summary>Where a connection goes: the one node that holds them all, unless the system has several.</summary>
    Uri AddressOf(int connection) => BaseAddress;

    /// <summary>How its users connect: the kind the fan-out benchmark runs.</summary>
    ClientKind Client { get; }

    /// <summary>Every process of the system: together, the server's CPU.</summary>
    IReadOnlyList<int> ProcessIds { get; }

    /// <summary>Resident memory of the process that holds the connections, after a full collection.</summary>
    Task<long> ConnectionHolderBytesAsync();

    /// <summary>An access token for the user, or null where the server needs none.</summary>
    Task<string?> SignInAsync(HttpClient http, string userId);

    /// <summary>Creates a public room that anyone may join; a room that exists already is left as it is.</summary>
    Task CreateRoomAsync(HttpClient http, string? ownerToken, string roomId);
}
