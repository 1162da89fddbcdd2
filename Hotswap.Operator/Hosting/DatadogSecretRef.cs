namespace Hotswap.Operator.Hosting;

/// <summary>The Secret holding Datadog's keys (<c>api-key</c>, <c>app-key</c>), as --datadog-secret names it.</summary>
public sealed record DatadogSecretRef(string Namespace, string Name)
{
    public const string ApiKey = "api-key";
    public const string ApplicationKey = "app-key";

    public override string ToString() => $"{Namespace}/{Name}";
}
