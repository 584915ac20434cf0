using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OrleansChat.Ai;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Auth;

namespace OrleansChat.Web.Ai;

public static class AiExtensions
{
    /// <summary>The rate-limiting policy of AI endpoints: per user, per minute.</summary>
    public const string RateLimitPolicy = "ai";

    /// <summary>The assistant (<see cref="AssistantServices"/>) for users' own requests, with a per-user rate limit.</summary>
    public static WebApplicationBuilder AddChatAi(this WebApplicationBuilder builder)
    {
        builder.Services.AddChatAssistant(builder.Configuration);
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
}
