using PhotoCuration.Engine.Distributed;
using Xunit;

namespace PhotoCuration.Tests.Distributed;

/// <summary>The broker address and credential: the password is used, never shown (docs/distributed.md#credentials).</summary>
public sealed class BrokerEndpointTests
{
    [Fact]
    public void The_credential_comes_from_the_caller_and_the_display_has_no_password()
    {
        var endpoint = BrokerEndpoint.Parse("amqp://nas:5673/studio", "curator", "s3cret-pw");
        Assert.Equal("amqp://curator@nas:5673/studio", endpoint.Display);
        Assert.Equal(endpoint.Display, endpoint.ToString());
        var factory = endpoint.Factory("test");
        Assert.Equal(("curator", "s3cret-pw", "studio", 5673), (factory.UserName, factory.Password, factory.VirtualHost, factory.Port));
        Assert.True(factory.AutomaticRecoveryEnabled);
        Assert.True(factory.TopologyRecoveryEnabled);
    }

    [Fact]
    public void User_info_in_the_address_is_taken_out_of_it()
    {
        var endpoint = BrokerEndpoint.Parse("amqp://curator:s3cret-pw@nas/studio", null, null);
        Assert.Equal("curator", endpoint.User);
        Assert.DoesNotContain("s3cret", endpoint.Display);
        Assert.Equal("", endpoint.Address.UserInfo);
        Assert.Equal("s3cret-pw", endpoint.Factory("t").Password);
    }

    [Fact]
    public void A_bad_address_is_refused_without_echoing_its_password()
    {
        var error = Assert.Throws<ArgumentException>(() => BrokerEndpoint.Parse("http://curator:s3cret-pw@nas/studio", null, null));
        Assert.DoesNotContain("s3cret", error.Message);
        Assert.Contains("amqp://", error.Message);
    }

    [Fact]
    public void Without_any_credential_the_error_says_where_to_put_one()
    {
        var user = Environment.GetEnvironmentVariable(BrokerEndpoint.UserVariable);
        var password = Environment.GetEnvironmentVariable(BrokerEndpoint.PasswordVariable);
        try
        {
            Environment.SetEnvironmentVariable(BrokerEndpoint.UserVariable, null);
            Environment.SetEnvironmentVariable(BrokerEndpoint.PasswordVariable, null);
            var error = Assert.Throws<ArgumentException>(() => BrokerEndpoint.Parse("amqp://nas/studio", null, null));
            Assert.Contains(BrokerEndpoint.PasswordVariable, error.Message);
            Environment.SetEnvironmentVariable(BrokerEndpoint.UserVariable, "env-user");
            Environment.SetEnvironmentVariable(BrokerEndpoint.PasswordVariable, "env-pw");
            var endpoint = BrokerEndpoint.Parse("amqp://nas/studio", null, null);
            Assert.Equal(("env-user", "env-pw"), (endpoint.User, endpoint.Factory("t").Password));
        }
        finally
        {
            Environment.SetEnvironmentVariable(BrokerEndpoint.UserVariable, user);
            Environment.SetEnvironmentVariable(BrokerEndpoint.PasswordVariable, password);
        }
    }

    [Fact]
    public void Scrub_removes_the_password_from_a_library_message()
    {
        var endpoint = BrokerEndpoint.Parse("amqp://nas/studio", "curator", "s3cret-pw");
        Assert.Equal("ACCESS_REFUSED for curator/***", endpoint.Scrub("ACCESS_REFUSED for curator/s3cret-pw"));
    }
}
