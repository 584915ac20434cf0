namespace OrleansChat.Bench;

/// <summary>
/// The command line: <c>[--quick] [--only fanout|raw|chat|socketio|large-room|transports|ai|durable|search|reactions|footprint|tracing] [--connections N] [--rooms N] [--report PATH]
/// [--idle-only] [--web-setting KEY=VALUE]...</c>. <c>--idle-only</c> measures idle memory without load steps;
/// <c>--web-setting</c> passes a setting to OrleansChat's web node, to compare tunings.
/// </summary>
public sealed record BenchArguments(bool Quick, string? Only, int? Connections, int? Rooms, string? ReportPath, bool IdleOnly,
    IReadOnlyDictionary<string, string> WebSettings)
{
    public static BenchArguments Parse(string[] args)
    {
        var quick = false;
        string? only = null, report = null;
        int? connections = null, rooms = null;
        var idleOnly = false;
        var webSettings = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": quick = true; break;
                case "--only": only = Value(args, ref i); break;
                case "--connections": connections = int.Parse(Value(args, ref i)); break;
                case "--rooms": rooms = int.Parse(Value(args, ref i)); break;
                case "--report": report = Value(args, ref i); break;
                case "--idle-only": idleOnly = true; break;
                case "--web-setting":
                    var setting = Value(args, ref i).Split('=', 2);
                    webSettings[setting[0]] = setting.Length == 2 ? setting[1] : throw new ArgumentException("--web-setting needs KEY=VALUE.");
                    break;
                default: throw new ArgumentException($"Unknown argument {args[i]}; see eng/bench.sh for the usage.");
            }
        }
        return new BenchArguments(quick, only, connections, rooms, report, idleOnly, webSettings);
    }

    public bool Runs(string part) => Only is null || Only == part
        || (Only == "fanout" && part is "raw" or "chat" or "socketio")
        || (part == "fanout" && Only is "raw" or "chat" or "socketio");

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");
}
