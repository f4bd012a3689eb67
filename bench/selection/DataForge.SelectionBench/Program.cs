using DataForge.SelectionBench;

// Selection quality against a planted truth (bench/selection-bench.sh drives it):
//   evaluate --proxy DIR --pool DIR --results FILE [--selector NAME@BUDGET=RUN]... [--draws N] [--seeds N]
//            [--epochs E] [--full-pool-epochs E] [--batch N] [--lr X] [--max-length N] [--mode NAME] [--full-pool true|false]
//            draws the random subsets, reads the selectors' kept records back, fine-tunes the proxy on every
//            subset with every training seed, prints the loss and composition tables (Markdown).
//   inspect  --pool DIR --run RUN
//            writes RUN/inspection.jsonl (every record the run saw, with its planted kind and the run's scores).
var options = Options.Parse(args.Skip(1));
if (args.FirstOrDefault() == "inspect")
{
    var truth = PoolRecord.ReadJsonl(Path.Combine(options.One("--pool"), "truth.jsonl")).GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    await Inspection.WriteAsync(options.One("--run"), truth);
    return 0;
}

//   conditioning --proxy DIR --pool DIR [--limit N] [--ifd-run RUN] [--warm N] [--warm-epochs E] [--save DIR]
//            per planted kind, the response loss with and without the instruction under the proxy (see Conditioning).
if (args.FirstOrDefault() == "conditioning")
{
    Console.Write(Conditioning.Run(options.One("--proxy"), options.One("--pool"), options.Int("--limit", 400), options.All("--ifd-run") is { Count: > 0 } runs ? runs[0] : null,
        options.Int("--warm", 0), options.Int("--warm-epochs", 3), options.All("--save") is { Count: > 0 } saves ? saves[0] : null));
    return 0;
}

if (args.FirstOrDefault() != "evaluate")
{
    Console.Error.WriteLine("usage: DataForge.SelectionBench evaluate|inspect|conditioning OPTIONS (see bench/README.md)");
    return 1;
}

var settings = new FineTuneSettings(options.Double("--epochs", 3), options.Int("--batch", 8), options.Double("--lr", 1e-3), options.Int("--max-length", 512), options.Double("--full-pool-epochs", 1));
var selectors = options.All("--selector").Select(Evaluation.ParseSelector).ToList();
var plan = new EvaluationPlan(options.One("--proxy"), options.One("--pool"), selectors, options.Int("--draws", 5), options.Int("--seeds", 3), settings,
    options.One("--mode", "full"), options.One("--full-pool", "true") == "true");
var results = await Evaluation.RunAsync(plan);
File.WriteAllText(options.One("--results"), results.ToJson());
Console.Write(Tables.Markdown(results));
return 0;
