using RabbitMQ.Client;

namespace PhotoCuration.Engine.Distributed;

/// <summary>
/// Where the studio's broker is and who we are on it. The address is an <c>amqp://host[:port]/vhost</c> URI;
/// the user and password come from -Credential or the environment (<see cref="UserVariable"/>,
/// <see cref="PasswordVariable"/>), or from the URI's user info. The password lives only here and in the
/// connection factory: <see cref="Display"/> and <see cref="ToString"/> never show it, so it cannot reach
/// a log line, an error record or a stage JSON through this object.
/// </summary>
public sealed class BrokerEndpoint
{
    public const string UserVariable = "PHOTOCURATION_BROKER_USER";
    public const string PasswordVariable = "PHOTOCURATION_BROKER_PASSWORD";

    private readonly string _password;

    private BrokerEndpoint(Uri address, string user, string password)
    {
        Address = address;
        User = user;
        _password = password;
    }

    /// <summary>The broker's address without user info.</summary>
    public Uri Address { get; }

    public string User { get; }

    /// <summary>The address as it may be shown: no password, ever.</summary>
    public string Display => $"{Address.Scheme}://{User}@{Address.Authority}{Address.AbsolutePath}";

    /// <summary>The password, for redacting it from messages that a library might build.</summary>
    internal string Secret => _password;

    /// <exception cref="ArgumentException">The address is not an amqp:// or amqps:// URI, or no user is known.</exception>
    public static BrokerEndpoint Parse(string address, string? user, string? password)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != "amqp" && uri.Scheme != "amqps"))
        {
            throw new ArgumentException($"The broker address must be an amqp:// or amqps:// URI such as amqp://nas/studio, not '{Redact(address)}'.");
        }
        string? fromUriUser = null, fromUriPassword = null;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            fromUriUser = Uri.UnescapeDataString(parts[0]);
            fromUriPassword = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
        }
        user ??= fromUriUser ?? Environment.GetEnvironmentVariable(UserVariable);
        password ??= fromUriPassword ?? Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(user) || password is null)
        {
            throw new ArgumentException($"No broker credential: pass -Credential, or set {UserVariable} and {PasswordVariable}.");
        }
        var bare = new UriBuilder(uri) { UserName = "", Password = "" }.Uri;
        return new BrokerEndpoint(bare, user, password);
    }

    /// <summary>A connection factory that reconnects by itself after a broker restart and recovers its queues and consumers.</summary>
    public ConnectionFactory Factory(string clientName, int dispatchConcurrency = 1) => new()
    {
        Uri = Address,
        UserName = User,
        Password = _password,
        ClientProvidedName = clientName,
        AutomaticRecoveryEnabled = true,
        TopologyRecoveryEnabled = true,
        NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
        RequestedHeartbeat = TimeSpan.FromSeconds(10),
        ConsumerDispatchConcurrency = (ushort)Math.Clamp(dispatchConcurrency, 1, 64),
    };

    /// <summary>Removes this endpoint's password from a message (a client library's exception text, say).</summary>
    public string Scrub(string message) => _password.Length == 0 ? message : message.Replace(_password, "***", StringComparison.Ordinal);

    public override string ToString() => Display;

    private static string Redact(string address)
    {
        var at = address.IndexOf('@');
        var scheme = address.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme >= 0 && at > scheme ? address[..(scheme + 3)] + "***" + address[at..] : address;
    }
}
