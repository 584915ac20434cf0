using OrleansChat.Contracts;
using OrleansChat.Web.Limits;

namespace OrleansChat.Web.Apis;

public static class ApiExtensions
{
    /// <summary>JSON, limits, input rules and problem details shared by the REST endpoints and the hub.</summary>
    public static WebApplicationBuilder AddChatApis(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ChatLimits>(builder.Configuration.GetSection(ChatLimits.SectionName));
        builder.Services.ConfigureHttpJsonOptions(json => ChatJson.Configure(json.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ChatProblemHandler>();
        // A body or parameter that does not bind is raised in every environment, so that it is answered as problem
        // details by ChatProblemHandler (otherwise production answers a bare 400 and development a 500).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        builder.Services.AddTransient<InputRules>();
        builder.Services.AddSingleton<ChatAllowances>();
        return builder;
    }

    /// <summary>The authenticated <c>/api</c> group that REST endpoints hang from.</summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder app, string prefix, string tag) =>
        app.MapGroup("/api" + prefix).RequireAuthorization().WithTags(tag).WithBodyLimit(BodyLimits.Standard).RefusesNulText();
}
