namespace FastToken.Tests.Extraction;

public class ExtractionStatusTests
{
    private const string Found = "found";
    private const string NotFound = "not found";
    private const string InvalidRequest = "invalid_request";

    public static TheoryData<ExtractionStatus, string> Classes => new()
    {
        { ExtractionStatus.Found, Found },
        { ExtractionStatus.NotFound, NotFound },
        { ExtractionStatus.InvalidCookieChunkCount, NotFound },
        { ExtractionStatus.TooManyCookieChunks, NotFound },
        { ExtractionStatus.CookieChunkMissing, NotFound },
        { ExtractionStatus.CookieChunksTooLong, NotFound },
        { ExtractionStatus.EmptyBearerToken, InvalidRequest },
        { ExtractionStatus.InvalidTokenCharacters, InvalidRequest },
        { ExtractionStatus.MultipleAuthorizationHeaders, InvalidRequest },
        { ExtractionStatus.InvalidCookieTokenCharacters, InvalidRequest },
        { ExtractionStatus.ConflictingTokens, InvalidRequest },
    };

    [Theory]
    [MemberData(nameof(Classes))]
    public void Each_status_is_in_exactly_one_class(ExtractionStatus status, string expected)
    {
        Assert.Equal(expected == Found, status.IsFound());
        Assert.Equal(expected == NotFound, status.IsNotFound());
        Assert.Equal(expected == InvalidRequest, status.IsInvalidRequest());
    }

    [Fact]
    public void The_table_covers_every_status()
    {
        var listed = Classes.Select(row => (ExtractionStatus)row[0]).ToHashSet();

        Assert.Equal(Enum.GetValues<ExtractionStatus>().ToHashSet(), listed);
    }

    [Fact]
    public void Every_status_has_its_own_fixed_description()
    {
        ExtractionStatus[] statuses = Enum.GetValues<ExtractionStatus>();
        string[] descriptions = statuses.Select(status => status.GetDescription()).ToArray();

        Assert.All(descriptions, description => Assert.False(string.IsNullOrWhiteSpace(description)));
        Assert.Equal(descriptions.Length, descriptions.Distinct().Count());
        Assert.All(statuses, status => Assert.Same(status.GetDescription(), status.GetDescription()));
    }

    [Fact]
    public void An_undefined_status_is_in_no_class()
    {
        var undefined = (ExtractionStatus)999;

        Assert.False(undefined.IsFound());
        Assert.False(undefined.IsNotFound());
        Assert.False(undefined.IsInvalidRequest());
        Assert.Equal("Unknown extraction status.", undefined.GetDescription());
    }
}
