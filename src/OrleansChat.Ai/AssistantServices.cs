using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace OrleansChat.Ai;

/// <summary>The assistant as every process that answers hosts it: its chat client by <c>Chat:Ai:Provider</c> and the knowledge bases.</summary>
public static class AssistantServices
{
    public static IServiceCollection AddChatAssistant(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(AiOptions.SectionName);
        var options = section.Get<AiOptions>() ?? new AiOptions();
        services.Configure<AiOptions>(section);
        services.AddSingleton<KnowledgeBases>();
        services.AddSingleton<Assistant>();
        services.AddSingleton<RoomAssistant>();
        services.AddChatClient(_ => CreateClient(options));
        return services;
    }

    private static IChatClient CreateClient(AiOptions options)
    {
        if (string.Equals(options.Provider, AiOptions.KnowledgeBaseProvider, StringComparison.OrdinalIgnoreCase))
        {
            return new KnowledgeBaseChatClient();
        }
        if (!string.Equals(options.Provider, AiOptions.OpenAiProvider, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Chat:Ai:Provider is '{options.Provider}'; use '{AiOptions.KnowledgeBaseProvider}' or '{AiOptions.OpenAiProvider}'.");
        }
        var endpoint = options.Endpoint ?? throw new InvalidOperationException("Chat:Ai:Endpoint is required with the OpenAI provider.");
        var model = options.Model ?? throw new InvalidOperationException("Chat:Ai:Model is required with the OpenAI provider.");
        // Local servers (Ollama, llama.cpp, vLLM) take any key.
        var credential = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "unused" : options.ApiKey);
        return new OpenAIClient(credential, new OpenAIClientOptions
            {
                Endpoint = endpoint,
                NetworkTimeout = options.Timeout,
                // Fail fast: an outage is answered with 503 at once, and callers retry as they see fit.
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            })
            .GetChatClient(model)
            .AsIChatClient();
    }
}
