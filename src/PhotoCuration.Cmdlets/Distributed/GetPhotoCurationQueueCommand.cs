using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Distributed;

/// <summary>
/// <para type="synopsis">Shows the studio's curation queue: chunks waiting, workers listening, rate and dead letters.</para>
/// <para type="description">Get-PhotoCurationQueue reads the task queue on the RabbitMQ broker twice, -SampleSeconds apart, and reports the chunks waiting, the workers consuming, the chunks taken per second in between, and the dead letters kept (chunks that stopped their workers more often than the delivery limit). It needs no management plugin. The credential comes from -Credential, the broker URI, or $env:PHOTOCURATION_BROKER_USER and $env:PHOTOCURATION_BROKER_PASSWORD.</para>
/// <example>
///   <code>Get-PhotoCurationQueue -Broker amqp://nas/studio -Credential $c</code>
///   <para>Shows the queue's depth, workers, rate and dead letters.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PhotoCurationQueue")]
[OutputType(typeof(CurationQueueStatus))]
public sealed class GetPhotoCurationQueueCommand : BrokerCmdlet
{
    /// <summary>
    /// <para type="description">Seconds between the two readings the rate is taken from; 0: no rate. Default: 1.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0, 60)]
    public double SampleSeconds { get; set; } = 1;

    /// <inheritdoc />
    protected override void EndProcessing() =>
        WriteObject(DistributedBridge.Inspect(this, Broker, Credential, TimeSpan.FromSeconds(SampleSeconds), Cancellation));
}
