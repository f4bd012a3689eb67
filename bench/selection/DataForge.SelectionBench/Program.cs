using DataForge.SelectionBench;

// Selection quality against a planted truth (bench/selection-bench.sh drives it):
//   evaluate --proxy DIR --pool DIR --results FILE [--selector NAME@BUDGET=RUN]... [--draws N] [--seeds N]
//            [--epochs E] [--batch N] [--lr X] [--max-length N] [--mode NAME] [--full-pool true|false]
//            draws the random subsets, reads the selectors' kept records back, fine-tunes the proxy on every
//            subset with every training seed, prints the loss and composition tables (Markdown).
var options = Options.Parse(args.Skip(1));
if (args.FirstOrDefault() != "evaluate")
{
    Console.Error.WriteLine("usage: DataForge.SelectionBench evaluate OPTIONS (see bench/README.md)");
    return 1;
}

var settings = new FineTuneSettings(options.Double("--epochs", 3), options.Int("--batch", 8), options.Double("--lr", 1e-3), options.Int("--max-length", 512));
var selectors = options.All("--selector").Select(Evaluation.ParseSelector).ToList();
var plan = new EvaluationPlan(options.One("--proxy"), options.One("--pool"), selectors, options.Int("--draws", 5), options.Int("--seeds", 3), settings,
    options.One("--mode", "full"), options.One("--full-pool", "true") == "true");
var results = await Evaluation.RunAsync(plan);
File.WriteAllText(options.One("--results"), results.ToJson());
Console.Write(Tables.Markdown(results));
return 0;
