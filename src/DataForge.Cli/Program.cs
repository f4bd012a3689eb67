using System.Runtime.InteropServices;
using DataForge.Cli;
using DataForge.Cli.Commands;
using Spectre.Console.Cli;

// --verbose, anywhere on the command line: stack traces with errors (see ErrorReporter).
ErrorReporter.Verbose = args.Contains("--verbose", StringComparer.Ordinal);
args = [.. args.Where(a => a != "--verbose")];

using var stop = new CancellationTokenSource();
var signal = 0;

// SIGINT / SIGTERM: stop cleanly (the run store keeps finished work) and exit 130 / 143.
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; signal = ExitCodes.Interrupted; Signals.Receive(signal); stop.Cancel(); });
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; signal = ExitCodes.Terminated; Signals.Receive(signal); stop.Cancel(); });

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("dataforge");
    config.UseAssemblyInformationalVersion();
    config.UseStrictParsing();
    config.SetHelpProvider(new BranchHelpProvider(config.Settings));
    config.SetExceptionHandler((exception, _) => ErrorReporter.Report(exception));
    config.AddCommand<RunCommand>("run")
        .WithDescription("Runs a pipeline (default: pipeline.toml) into a run folder.")
        .WithExample("run")
        .WithExample("run", "pipelines/sample-seeds.toml", "--limit", "100", "--set", "run.seed=7")
        .WithExample("run", "pipelines/lintseq.toml", "--partition", "0/2", "--out", "output/lintseq/part-0")
        .WithExample("run", "pipelines/lintseq.toml", "--partition", "1/2", "--out", "output/lintseq/part-1");
    config.AddCommand<MergeCommand>("merge")
        .WithDescription("Merges the partitions of a run (`dataforge run --partition I/N`) and runs its global phase: one run folder, byte for byte the single-machine run.")
        .WithExample("merge", "pipelines/lintseq.toml", "output/lintseq/part-0", "output/lintseq/part-1", "--out", "output/lintseq/merged");
    config.AddBranch("k8s", k8s =>
    {
        k8s.SetDescription("Kubernetes: partitioned runs as Jobs.");
        k8s.AddCommand<K8sManifestCommand>("manifest")
            .WithDescription("Prints an Indexed Job running the partitions of a pipeline (`run --partition auto`) and the merge Job that waits for them, sharing one volume (docs/scaling.md).")
            .WithExample("k8s", "manifest", "pipelines/lintseq.toml", "--partitions", "4", "--image", "registry.example.com/dataforge:latest", "--volume", "dataforge-data");
    });
    config.AddCommand<ValidateCommand>("validate")
        .WithDescription("Prints every diagnostic of a pipeline file; runs nothing.")
        .WithExample("validate", "pipeline.toml");
    config.AddCommand<LintSeqCommand>("lintseq")
        .WithDescription("LintSeq on code files, folders or JSONL: insertion-only edit sequences whose every prefix lints clean.")
        .WithExample("lintseq", "seeds/programs", "-s", "5")
        .WithExample("lintseq", "seeds/programs/python.jsonl", "--lang", "python", "--linter", "pyflakes", "--format", "reference-jsonl");
    config.AddCommand<InspectCommand>("inspect")
        .WithDescription("Counts per step and reason, and histograms, of a finished run folder.")
        .WithExample("inspect", "output/default/latest");
    config.AddCommand<DiffCommand>("diff")
        .WithDescription("What changed between two run or build folders: records added, removed and changed by id, counts per step and drop reason, score distributions.")
        .WithExample("diff", "output/default/latest", "output/sample-seeds");
    config.AddCommand<ExportCommand>("export")
        .WithDescription("Writes the kept records of a run folder as JSON Lines in the format a trainer expects: alpaca, sharegpt, messages (OpenAI chat) or text (rendered through a chat template, edit sequences as <|diff|> text).")
        .WithExample("export", "output/default/latest", "--format", "alpaca", "--out", "train.jsonl")
        .WithExample("export", "output/default", "--format", "text", "--template", "llama3");
    config.AddCommand<StepsCommand>("steps")
        .WithDescription("Lists the step types; with a TYPE, its keys, defaults and drop reasons; --markdown prints the whole step reference.")
        .WithExample("steps")
        .WithExample("steps", "score-ifd")
        .WithExample("steps", "--markdown");
    config.AddCommand<BuildCommand>("build")
        .WithDescription("A nightly build: an incremental, locked run of a pipeline published atomically as BUILDS/<name>/<UTC timestamp>-<hash>/, with 'latest', retention, a diff against the previous build, and a summary line for schedulers.")
        .WithExample("build")
        .WithExample("build", "pipelines/sample-seeds.toml", "--builds", "builds", "--keep", "3");
    config.AddBranch("builds", builds =>
    {
        builds.SetDescription("Nightly builds.");
        builds.AddCommand<BuildsListCommand>("list")
            .WithDescription("Lists the builds of a builds folder (or of one pipeline's): date, id, outcome, counts, which is latest, and a build in progress.")
            .WithExample("builds", "list")
            .WithExample("builds", "list", "builds/default");
    });
    config.AddBranch("review", review =>
    {
        review.SetDescription("A local web tool to review run folders: funnel and score charts, filtered and searchable samples, lineage, votes, edit sequences, and accept / reject / flag verdicts that builds honour.");
        review.SetDefaultCommand<ReviewCommand>();
        review.AddExample("review", "output/default", "--port", "8182");
        review.AddExample("review", "builds/default", "--host", "0.0.0.0", "--token", "a-long-shared-secret");
        review.AddCommand<ReviewExportCommand>("export")
            .WithDescription("Writes the verdicts given in the review tool as the verdicts JSONL builds read (docs/verdicts.md).")
            .WithExample("review", "export", "output/default", "--out", "verdicts.jsonl");
    });
    config.AddBranch("slurm", slurm =>
    {
        slurm.SetDescription("Scale-out on a Slurm cluster.");
        slurm.AddCommand<SlurmSubmitCommand>("submit")
            .WithDescription("Splits a pipeline's record phase into a Slurm job array of N partitions and merges them in a dependent job into one run folder (DIR/run) equal to a single-machine run; resubmit the same command to finish a failed submission. Exit 4 when sbatch is missing or refuses a script.")
            .WithExample("slurm", "submit", "pipelines/sample-seeds.toml", "--partitions", "4", "--dry-run")
            .WithExample("slurm", "submit", "pipeline.toml", "--partitions", "8", "--sbatch-arg=--time=02:00:00", "--dry-run");
    });
    config.AddCommand<ServeCommand>("serve")
        .WithDescription("Serves a checkpoint folder over an OpenAI-compatible API (/v1/models, /v1/chat/completions, /v1/completions with logprobs and echo).")
        .WithExample("serve", "models/tiny", "--port", "8181");
    config.AddBranch("model", model =>
    {
        model.SetDescription("Embedded models, and checkpoints converted for llama.cpp.");
        model.AddCommand<TrainTinyCommand>("train-tiny")
            .WithDescription("Trains an embedded model on the repo's own text (seeded) and saves a Hugging Face checkpoint folder (default models/tiny).")
            .WithExample("model", "train-tiny")
            .WithExample("model", "train-tiny", "--size", "medium", "--seed", "2", "--out", "models/tiny-medium");
        model.AddCommand<ModelConvertCommand>("convert")
            .WithDescription("Converts a Llama or Qwen2 checkpoint folder into one GGUF file for the llamacpp backend: f32 or f16 written by DataForge, q8_0 or q4_k_m by llama.cpp's quantizer (docs/models.md).")
            .WithExample("model", "convert", "models/tiny", "--to", "gguf", "--type", "q8_0", "--out", "output/tiny-q8_0.gguf");
    });
});

var code = await app.RunAsync(args, stop.Token);
return signal != 0 && stop.IsCancellationRequested ? signal : code;
