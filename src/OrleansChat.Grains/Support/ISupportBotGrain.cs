using OrleansChat.Contracts;
using Orleans.Concurrency;

namespace OrleansChat.Grains.Support;

/// <summary>
/// A support conversation's bot (key: conversation id, its room's id), on the silo: answers one visitor message at a
/// time, so that the desk never waits for a model. Asked by the desk; silo-internal.
/// </summary>
public interface ISupportBotGrain : IGrainWithStringKey
{
    /// <summary>Answers the visitor's message <paramref name="visitorSeq"/> unless someone has replied to it already.</summary>
    [OneWay]
    Task Answer(string siteId, ChatUser visitor, long visitorSeq);
}
