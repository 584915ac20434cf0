using System.Diagnostics;

namespace OrleansChat.Storage.Sql;

/// <summary>
/// Spans of the chat's own around its storage work, in the trace of the call that asked for it: on SQLite the
/// commit runs on the database's writer thread, where nothing else would show whose work it was.
/// </summary>
public static class ChatDatabaseTracing
{
    public const string SourceName = "OrleansChat.Storage";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>A span for an append of <paramref name="count"/> messages to a room's log, until it is durable.</summary>
    internal static Activity? StartAppend(string roomId, int count)
    {
        var activity = Source.StartActivity("append messages", ActivityKind.Internal);
        activity?.SetTag("chat.room_id", roomId);
        activity?.SetTag("chat.messages", count);
        return activity;
    }
}
