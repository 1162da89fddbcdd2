using Hotswap.Operator.Running;

namespace Hotswap.Operator.Hosting;

/// <summary>Makes the controller <c>hotswap run</c> hosts from what the host composed.</summary>
public delegate IOperatorController ControllerFactory(ControllerInputs inputs);
