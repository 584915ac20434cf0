namespace OrleansChat.Client.Tests.Infrastructure;

/// <summary>Waits for something the system does on its own time (a reconnect, a catch-up).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan patience, Func<string> expected)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Waited {patience} for {expected()}");
            await Task.Delay(100);
        }
    }
}
