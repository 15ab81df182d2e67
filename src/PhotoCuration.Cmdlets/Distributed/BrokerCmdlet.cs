using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Distributed;

/// <summary>
/// What the cmdlets that talk to the studio's RabbitMQ broker share: the broker's address and the
/// credential (never printed; docs/distributed.md).
/// </summary>
public abstract class BrokerCmdlet : PhotoCmdletBase
{
    /// <summary>
    /// <para type="description">The broker, amqp://host[:port]/vhost (amqps:// for TLS).</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Broker { get; set; } = "";

    /// <summary>
    /// <para type="description">User and password on the broker. Default: the URI's user info, else $env:PHOTOCURATION_BROKER_USER and $env:PHOTOCURATION_BROKER_PASSWORD.</para>
    /// </summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }
}
