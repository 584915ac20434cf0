using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OrleansChat.Web.Identity;

namespace OrleansChat.Web.Auth;

public static class AuthExtensions
{
    /// <summary>JWT bearer auth for REST and the hub; over WebSockets and SSE the token comes as <c>access_token</c>.</summary>
    public static WebApplicationBuilder AddChatAuth(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ChatAuthOptions.SectionName);
        var options = section.Get<ChatAuthOptions>() ?? new ChatAuthOptions();
        var key = SigningKey.Resolve(builder.Configuration, options);

        builder.Services.Configure<ChatAuthOptions>(section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(key);
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddAuthorization();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            // Nothing reads the token back from the authentication result, and a hub connection would keep it for as long as it lives.
            jwt.SaveToken = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = options.Issuer,
                ValidAudience = options.Audience,
                IssuerSigningKey = key,
                NameClaimType = ChatClaims.Name,
                RoleClaimType = ChatClaims.Role,
                ClockSkew = options.ClockSkew,
            };
            jwt.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    context.Token = BearerToken.FromHubQuery(context.Request) ?? context.Token;
                    return Task.CompletedTask;
                },
                OnTokenValidated = TokenChecks.OnTokenValidated,
            };
        });
        builder.AddChatIdentity(options);
        return builder;
    }

    /// <summary>
    /// Development login: on in the Development environment unless switched off, elsewhere only when switched on.
    /// Never decided by the storage mode: an embedded node reachable from outside must not sign anyone in as admin.
    /// </summary>
    public static bool DevLoginEnabled(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<ChatAuthOptions>>().Value.DevLogin
        ?? services.GetRequiredService<IHostEnvironment>().IsDevelopment();
}
