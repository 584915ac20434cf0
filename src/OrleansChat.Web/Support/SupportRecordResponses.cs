using OrleansChat.Contracts;
using OrleansChat.Web.Apis;

namespace OrleansChat.Web.Support;

/// <summary>A conversation as the archive lists it: as the desk answers it, with every status it went through and its rating.</summary>
public sealed record SupportRecordResponse(
    SupportApi.ConversationResponse Conversation, IReadOnlyList<SupportStatusChange> History, SupportRating? Rating)
{
    public static SupportRecordResponse From(SupportRecord record) =>
        new(SupportApi.ConversationResponse.From(record.Conversation), record.History, record.Rating);
}

/// <summary>A page of conversations, newest first; <c>next</c> is the <c>before</c> of the page after it (null: none).</summary>
public sealed record SupportRecordPageResponse(IReadOnlyList<SupportRecordResponse> Conversations, string? Next);

/// <summary>The visitor beside the chat: <c>email</c> is null unless they left one.</summary>
public sealed record SupportProfileResponse(
    string VisitorId, string VisitorName, string? Email, IReadOnlyList<PageVisit> Pages, IReadOnlyList<SupportRecordResponse> PastConversations)
{
    public static SupportProfileResponse From(SupportProfile profile) =>
        new(profile.VisitorId, profile.VisitorName, profile.Email, profile.Pages, [.. profile.PastConversations.Select(SupportRecordResponse.From)]);
}
