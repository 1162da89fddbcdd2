using Hotswap.Core.Documents;

namespace Hotswap.Core.Tests;

/// <summary>A world saved for a bug report carries no credential, and still plans the same.</summary>
public class RedactionTests
{
    [Fact]
    public void Credentials_in_a_secret_config_are_redacted_wherever_they_are()
    {
        var config = """{"bearerToken":"eyJhbGci","tlsClientConfig":{"caData":"Q0EK","keyData":"LS0tLS1","certData":"LS0tQ"},"execProviderConfig":{"env":{"token":"t"}}}""";

        var redacted = Redaction.RedactConfig(config);

        Assert.DoesNotContain("eyJhbGci", redacted);
        Assert.DoesNotContain("LS0t", redacted);
        Assert.DoesNotContain("\"t\"", redacted);
        Assert.Contains("\"caData\":\"Q0EK\"", redacted);
        Assert.Contains("REDACTED", redacted);
    }

    [Fact]
    public void What_hotswap_writes_is_kept_as_it_is_so_the_saved_world_plans_the_same()
    {
        var world = SampleWorld.Rich();

        Assert.Equal(world, Redaction.Redact(world));
    }
}
