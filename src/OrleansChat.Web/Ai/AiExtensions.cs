using System.ClientModel;
using System.ClientModel.Primitives;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Auth;

namespace OrleansChat.Web.Ai;

public static class AiExtensions
{
    /// <summary>The rate-limiting policy of AI endpoints: per user, per minute.</summary>
    public const string RateLimitPolicy = "ai";

    /// <summary>The assistant: its chat client by <c>Chat:Ai:Provider</c>, knowledge bases, and a per-user rate limit.</summary>
    public static WebApplicationBuilder AddChatAi(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AiOptions.SectionName);
        var options = section.Get<AiOptions>() ?? new AiOptions();
        builder.Services.Configure<AiOptions>(section);
        builder.Services.AddSingleton<KnowledgeBases>();
        builder.Services.AddSingleton<Assistant>();
        builder.Services.AddSingleton<RoomAssistant>();
        builder.Services.AddSingleton<SupportBot>();
        builder.Services.AddChatClient(_ => CreateClient(options));
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.FindFirst(ChatClaims.UserId)?.Value ?? "anonymous",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<AiOptions>>().Value.RequestsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                rejected.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                await ProblemResponses.WriteAsync(rejected.HttpContext, new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Detail = "Too many AI requests; wait before asking again.",
                });
            };
        });
        return builder;
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
