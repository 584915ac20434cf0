using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansChat.Testing;

namespace OrleansChat.Web.Tests.Support;

/// <summary>One request to verify: the endpoint's secret, the headers (lowercase names) and the raw body.</summary>
public sealed record VerificationCase(string Secret, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// The signature verification recipe of docs/support.md, taken from the page as it is and run with Node.js on
/// requests a receiver got: what the docs promise is what is tested.
/// </summary>
public static partial class DocumentedRecipe
{
    public static async Task<IReadOnlyList<bool>> VerifyAsync(IReadOnlyList<VerificationCase> cases)
    {
        var page = await File.ReadAllTextAsync(RepositoryDirectory.PathOf("docs", "support.md"));
        var recipe = RecipeBlock().Match(page);
        Assert.True(recipe.Success, "docs/support.md has no verify-webhook.mjs block.");
        var directory = Directory.CreateTempSubdirectory("webhook-recipe-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "verify-webhook.mjs"), recipe.Groups["code"].Value);
            await File.WriteAllTextAsync(Path.Combine(directory, "cases.json"), JsonSerializer.Serialize(cases));
            await File.WriteAllTextAsync(Path.Combine(directory, "run.mjs"),
                "import { readFileSync } from 'node:fs';\n" +
                "import { verifyWebhook } from './verify-webhook.mjs';\n" +
                "const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));\n" +
                "console.log(JSON.stringify(cases.map(c => verifyWebhook(c.Secret, c.Headers, c.Body))));\n");
            var output = await ExternalProcess.RunAsync("node", [Path.Combine(directory, "run.mjs"), Path.Combine(directory, "cases.json")]);
            return JsonSerializer.Deserialize<bool[]>(output)!;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [GeneratedRegex(@"```js\n(?<code>// verify-webhook\.mjs\n.*?)```", RegexOptions.Singleline)]
    private static partial Regex RecipeBlock();
}
