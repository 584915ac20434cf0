namespace OrleansChat.Bench.Load.Clients;

/// <summary>The parts of the protocol's <c>ChatMessage</c> the load reads; other fields are skipped.</summary>
public sealed record ReceivedMessage(string RoomId, long Seq, string Text);

/// <summary>The part of <c>MessageAck</c> the load reads.</summary>
public sealed record SendAck(long Seq);
