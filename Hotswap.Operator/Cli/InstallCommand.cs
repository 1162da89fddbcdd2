using System.CommandLine;
using Hotswap.Operator.Install;

namespace Hotswap.Operator.Cli;

/// <summary>
/// <c>hotswap install [--namespace NS] [--image IMAGE] [--argocd-namespace NS] [--role-arn ARN | --pod-identity]</c>:
/// prints the install manifests — the same objects as <c>kubectl kustomize deploy/</c>, from the
/// copy of deploy/ embedded at build time — for <c>hotswap install | kubectl apply -f -</c>.
/// </summary>
public static class InstallCommand
{
    public static Command Build()
    {
        var ns = new Option<string?>("--namespace", "-n") { Description = "The operator's namespace (default: hotswap-system)" };
        var image = new Option<string?>("--image") { Description = "The operator's image (default: the base's, ghcr.io/mumoshu/hotswap:VERSION)" };
        var argo = new Option<string?>("--argocd-namespace") { Description = "Where ArgoCD keeps cluster secrets, Applications and ApplicationSets (default: argocd)" };
        var roleArn = new Option<string?>("--role-arn") { Description = "IAM role for IRSA, set on the ServiceAccount (default: a placeholder to replace)" };
        var podIdentity = new Option<bool>("--pod-identity") { Description = "EKS Pod Identity instead of IRSA: leave out the role-arn annotation" };
        var command = new Command("install",
            "Print the install manifests (CRDs, RBAC, ServiceAccount, Deployment, PodDisruptionBudget, metrics Service) for kubectl apply -f -.")
        {
            ns, image, argo, roleArn, podIdentity,
        };
        command.SetAction(result =>
        {
            var files = DeployFiles.Embedded();
            var defaults = InstallManifests.Defaults(files);
            var wanted = new InstallSettings(
                result.GetValue(ns) ?? defaults.Namespace,
                result.GetValue(image) ?? defaults.Image,
                result.GetValue(argo) ?? defaults.ArgoNamespace,
                result.GetValue(roleArn),
                result.GetValue(podIdentity));
            var problems = InstallManifests.Problems(wanted);
            foreach (var line in problems) Console.Error.WriteLine(line);
            if (problems.Count > 0) return 1;
            if (wanted.Namespace == wanted.ArgoNamespace)
                Console.Error.WriteLine($"installing into the ArgoCD namespace {wanted.Namespace}: its Namespace object is left out (it exists and is not hotswap's)");
            Console.Out.Write(InstallManifests.Yaml(InstallManifests.Render(files, wanted)));
            return 0;
        });
        return command;
    }
}
