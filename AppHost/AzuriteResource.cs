namespace OrleansChat.AppHost;

/// <summary>
/// Azurite's blob service in a container: a local cluster's store of attached files, with the Azure Blob Storage API
/// the web replicas use in production. Its connection string names the emulator's well-known (public) account.
/// </summary>
internal sealed class AzuriteResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public const string Registry = "mcr.microsoft.com";
    public const string Image = "azure-storage/azurite";
    // The version the tests run from npm (tests/azurite).
    public const string Tag = "3.37.0";
    public const int BlobPort = 10000;
    public const string BlobEndpointName = "blob";

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint={new EndpointReference(this, BlobEndpointName).Property(EndpointProperty.Url)}/devstoreaccount1;");
}
