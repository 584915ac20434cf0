namespace OrleansChat.Bench;

/// <summary>
/// The command line: <c>[--quick] [--only fanout|durable|raw|chat] [--connections N] [--rooms N] [--report PATH]</c>.
/// </summary>
public sealed record BenchArguments(bool Quick, string? Only, int? Connections, int? Rooms, string? ReportPath)
{
    public static BenchArguments Parse(string[] args)
    {
        var quick = false;
        string? only = null, report = null;
        int? connections = null, rooms = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": quick = true; break;
                case "--only": only = Value(args, ref i); break;
                case "--connections": connections = int.Parse(Value(args, ref i)); break;
                case "--rooms": rooms = int.Parse(Value(args, ref i)); break;
                case "--report": report = Value(args, ref i); break;
                default: throw new ArgumentException($"Unknown argument {args[i]}. Use [--quick] [--only fanout|durable|raw|chat] [--connections N] [--rooms N] [--report PATH].");
            }
        }
        return new BenchArguments(quick, only, connections, rooms, report);
    }

    public bool Runs(string part) => Only is null || Only == part
        || (Only == "fanout" && part is "raw" or "chat")
        || (part == "fanout" && Only is "raw" or "chat");

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");
}
