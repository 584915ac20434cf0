using OrleansChat.Contracts;
using OrleansChat.Web.Apis;

namespace OrleansChat.Web.Moderation;

/// <summary>The input rules of moderation calls, the same for REST and the hub.</summary>
public static class ModerationRules
{
    /// <summary>A role a member can be given: <c>member</c> or <c>moderator</c> (ownership is not transferred).</summary>
    public static InputRules AssignableRole(this InputRules rules, string? role, out MemberRole parsed)
    {
        parsed = role == "moderator" ? MemberRole.Moderator : MemberRole.Member;
        return rules.Require(role is "member" or "moderator", "role", "role must be member or moderator.");
    }

    /// <summary>How long a mute lasts: whole seconds, from 1 to 30 days.</summary>
    public static InputRules MuteSeconds(this InputRules rules, long? seconds) =>
        rules.Require(seconds is >= 1 and <= ChatLimits.MaxMuteSeconds, "seconds", $"seconds must be a whole number from 1 to {ChatLimits.MaxMuteSeconds}.");
}
