using System.Text.Json;
using System.Text.Json.Nodes;
using DataForge.Models.Torch.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace DataForge.Models.Torch.Checkpoints;

/// <summary>Loads and saves the weights of a decoder in the Hugging Face checkpoint layout.</summary>
internal static class DecoderCheckpoint
{
    private const string SingleFile = "model.safetensors";
    private const string IndexFile = "model.safetensors.index.json";

    /// <summary>Builds the model described by <paramref name="config"/> and fills it from the folder's safetensors.</summary>
    /// <exception cref="InvalidDataException">Weights are missing, misshapen, or in an unsupported file.</exception>
    public static CausalLm Load(string folder, DecoderConfig config, Device device)
    {
        var files = WeightFiles(folder);
        var readers = files.Select(SafetensorsReader.Open).ToList();
        try
        {
            var owner = new Dictionary<string, SafetensorsReader>(StringComparer.Ordinal);
            foreach (var reader in readers)
            {
                foreach (var name in reader.Names)
                {
                    owner[name] = reader;
                }
            }

            var model = CausalLm.Build(config, device);
            using var noGrad = torch.no_grad();
            var parameters = model.named_parameters().ToList();
            foreach (var (name, parameter) in parameters)
            {
                if (!owner.TryGetValue(name, out var reader))
                {
                    throw new InvalidDataException($"{folder}: weight '{name}' is missing from {string.Join(", ", files.Select(Path.GetFileName))}");
                }

                var shape = reader.Shape(name);
                if (!shape.SequenceEqual(parameter.shape))
                {
                    throw new InvalidDataException($"{reader.Path}: '{name}' has shape [{string.Join(", ", shape)}]; config.json implies [{string.Join(", ", parameter.shape)}]");
                }

                using var value = reader.ReadFloat32(name);
                parameter.copy_(value);
            }

            var known = parameters.Select(p => p.name).ToHashSet(StringComparer.Ordinal);
            var unexpected = owner.Keys.Where(n => !known.Contains(n) && !Ignorable(n, config)).Order(StringComparer.Ordinal).ToList();
            if (unexpected.Count > 0)
            {
                throw new InvalidDataException($"{folder}: weights this architecture does not use: {string.Join(", ", unexpected.Take(5))}{(unexpected.Count > 5 ? ", …" : "")}");
            }

            return model;
        }
        finally
        {
            readers.ForEach(r => r.Dispose());
        }
    }

    /// <summary>Writes the model's weights (LoRA adapters merged) and its config as a checkpoint folder.</summary>
    public static void Save(CausalLm model, string folder, bool bfloat16 = false)
    {
        Directory.CreateDirectory(folder);
        var tensors = new SortedDictionary<string, Tensor>(StringComparer.Ordinal);
        var merged = new List<Tensor>();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (name.Contains(".lora_", StringComparison.Ordinal))
            {
                continue;
            }

            tensors[name] = parameter;
        }

        foreach (var (name, module) in model.named_modules())
        {
            // TorchSharp also lists modules under their C# backing-field names; only the registered names count.
            if (module is Projection { HasLora: true } projection && !name.Contains("k__BackingField", StringComparison.Ordinal))
            {
                var weight = projection.MergedWeight();
                merged.Add(weight);
                tensors[$"{name}.weight"] = weight;
            }
        }

        try
        {
            SafetensorsWriter.Write(Path.Combine(folder, SingleFile), tensors, bfloat16);
        }
        finally
        {
            merged.ForEach(t => t.Dispose());
        }

        var json = (bfloat16 ? model.Config with { TorchDtype = "bfloat16" } : model.Config).ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        File.WriteAllText(Path.Combine(folder, "config.json"), json + "\n");
    }

    /// <summary>Fills every parameter with the usual initialisation (normal(0, std) weights, unit norms, zero biases) from a seeded generator.</summary>
    public static void Initialize(CausalLm model, long seed, double std = 0.02)
    {
        using var noGrad = torch.no_grad();
        var generator = new Generator((ulong)seed);
        using var one = 1.0.ToScalar(); // held across the calls (see RmsNorm)
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (name.EndsWith("norm.weight", StringComparison.Ordinal))
            {
                parameter.fill_(one);
            }
            else if (name.EndsWith(".bias", StringComparison.Ordinal))
            {
                parameter.zero_();
            }
            else
            {
                parameter.normal_(0, std, generator);
            }
        }
    }

    /// <summary>The safetensors files of a checkpoint folder (the shards of its index, or <c>model.safetensors</c>).</summary>
    public static List<string> WeightFiles(string folder)
    {
        var index = Path.Combine(folder, IndexFile);
        if (File.Exists(index))
        {
            var map = JsonNode.Parse(File.ReadAllText(index))?["weight_map"]?.AsObject()
                ?? throw new InvalidDataException($"{index}: no weight_map");
            return [.. map.Select(p => p.Value!.GetValue<string>()).Distinct().Order(StringComparer.Ordinal).Select(f => Path.Combine(folder, f))];
        }

        var single = Path.Combine(folder, SingleFile);
        if (File.Exists(single))
        {
            return [single];
        }

        throw new InvalidDataException($"{folder}: neither {SingleFile} nor {IndexFile} found (only safetensors weights are read)");
    }

    private static bool Ignorable(string name, DecoderConfig config)
        => name.EndsWith("rotary_emb.inv_freq", StringComparison.Ordinal)
            || (config.TieWordEmbeddings && name == "lm_head.weight");
}
