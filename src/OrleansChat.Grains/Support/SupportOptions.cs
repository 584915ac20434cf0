namespace OrleansChat.Grains.Support;

/// <summary>Support desk tuning, under <c>Chat:Support</c>.</summary>
public sealed class SupportOptions
{
    public const string SectionName = "Chat:Support";

    /// <summary>The most conversations assigned to one agent at a time by automatic assignment.</summary>
    public int MaxConversationsPerAgent { get; set; } = 3;
}
