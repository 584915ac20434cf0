using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace OrleansChat.Web.Widget;

public static class WidgetExtensions
{
    /// <summary>Configured sites, and CORS for their pages: the widget calls REST and the hub from other origins.</summary>
    public static WebApplicationBuilder AddChatWidget(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SiteOptions.SectionName);
        if (!builder.Environment.IsDevelopment()) SiteSecrets.RequireProductionGrade(section.Get<Dictionary<string, SiteOptions>>() ?? []);
        builder.Services.Configure<Dictionary<string, SiteOptions>>(section);
        builder.Services.Configure<DeploymentOrigins>(builder.Configuration.GetSection(DeploymentOrigins.SectionName));
        builder.Services.AddSingleton<WidgetSites>();
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<WidgetSites>((cors, sites) => cors.AddDefaultPolicy(policy => policy
            .SetIsOriginAllowed(sites.IsOriginAllowedAnywhere)
            .AllowAnyHeader()
            .AllowAnyMethod()
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return builder;
    }

    /// <summary>
    /// The bundle (<c>/widget.js</c>) and the demo pages' files. Revalidated on every load, so pages always
    /// embed the widget this node serves.
    /// </summary>
    public static IApplicationBuilder UseWidgetFiles(this IApplicationBuilder app) => app.UseStaticFiles(new StaticFileOptions
    {
        OnPrepareResponse = file => file.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache",
    });
}
