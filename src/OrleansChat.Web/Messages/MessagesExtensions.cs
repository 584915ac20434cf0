namespace OrleansChat.Web.Messages;

public static class MessagesExtensions
{
    /// <summary>Sending and changing messages, shared by the REST endpoints and the hub (per call: their input rules collect one call's problems).</summary>
    public static WebApplicationBuilder AddChatMessages(this WebApplicationBuilder builder)
    {
        builder.Services.AddTransient<MessagePosting>();
        builder.Services.AddTransient<MessageChanging>();
        return builder;
    }
}
