using System.Globalization;
using DataForge.SelectionBench;

// Selection quality on the embedded tiny model (bench/selection-bench.sh drives it):
//   pool     --repo DIR --evol RUN --code-evol RUN --lintseq RUN --out DIR [--target FILE] [--fraction F] [--max-tokens N]
//            assembles the candidate pool and the held-out target set; prints the budget (records to select).
//   evaluate --repo DIR --pool DIR --results FILE [--selector NAME=RUN]... [--seeds N] [--epochs E] [--batch N] [--lr X] [--max-length N] [--mode NAME]
//            draws the random subsets, fine-tunes on every subset with every training seed, prints the table.
var options = Options.Parse(args.Skip(1));
switch (args.FirstOrDefault())
{
    case "pool":
        var builder = new PoolBuilder(options.One("--repo"), options.One("--target", "seeds/instructions/coding-python.jsonl"), options.Int("--max-tokens", 1000), options.Double("--fraction", 0.1));
        var budget = await builder.BuildAsync(options.One("--evol"), options.One("--code-evol"), options.One("--lintseq"), options.One("--out"));
        Console.WriteLine(budget.ToString(CultureInfo.InvariantCulture));
        return 0;
    case "evaluate":
        var settings = new FineTuneSettings(options.Double("--epochs", 3), options.Int("--batch", 8), options.Double("--lr", 1e-3), options.Int("--max-length", 512));
        var selectors = options.All("--selector").Select(s => s.Split('=', 2)).Select(p => (p[0], p[1])).ToList();
        var results = await Evaluation.RunAsync(options.One("--repo"), options.One("--pool"), selectors, options.Int("--seeds", 3), settings, options.One("--mode", "full"));
        File.WriteAllText(options.One("--results"), results.ToJson());
        Console.Write(results.ToMarkdown());
        return 0;
    default:
        Console.Error.WriteLine("usage: DataForge.SelectionBench pool|evaluate OPTIONS (see bench/README.md)");
        return 1;
}
