namespace OrleansChat.Ai;

/// <summary>One section of a site's knowledge base: a Markdown heading and the text under it.</summary>
public sealed record Passage(string Title, string Text, string Source);
