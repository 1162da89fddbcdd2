using Hotswap.Testing.KubeApi;

// A stateful Kubernetes API server for trying hotswap and kubectl on a laptop (docs/e2e.md).
var port = 0;
var load = new List<string>();
string? kubeconfig = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length: port = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--load" when i + 1 < args.Length: load.Add(args[++i]); break;
        case "--kubeconfig" when i + 1 < args.Length: kubeconfig = args[++i]; break;
        default:
            Console.Error.WriteLine("usage: Hotswap.Testing.ApiServer [--port N] [--load FILE|DIR]... [--kubeconfig FILE]");
            Console.Error.WriteLine("  --port        port on 127.0.0.1 (default: any free port)");
            Console.Error.WriteLine("  --load        manifests to load at start (CRDs first), repeatable");
            Console.Error.WriteLine("  --kubeconfig  write a kubeconfig for this server to FILE");
            return args[i] is "--help" or "-h" ? 0 : 2;
    }
}
try
{
    await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Port = port, Load = load });
    Console.WriteLine($"Kubernetes API server listening on {server.Url}");
    if (kubeconfig is not null)
        Console.WriteLine($"Wrote kubeconfig {server.WriteKubeconfig(kubeconfig)} (export KUBECONFIG={Path.GetFullPath(kubeconfig)})");
    Console.WriteLine("Press Ctrl+C to stop.");
    var stop = new TaskCompletionSource();
    using var onInt = System.Runtime.InteropServices.PosixSignalRegistration.Create(
        System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
    using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
        System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
    await stop.Task;
    return 0;
}
catch (KubeStatus e)
{
    Console.Error.WriteLine($"error: loading failed: {e.Message}");
    return 1;
}
catch (Exception e) when (e is IOException or InvalidOperationException or YamlDotNet.Core.YamlException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
