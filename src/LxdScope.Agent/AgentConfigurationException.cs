namespace LxdScope.Agent;

public sealed class AgentConfigurationException : Exception
{
    public AgentConfigurationException(string message)
        : base(message)
    {
    }

    public AgentConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AgentConfigurationException()
    {
    }
}
