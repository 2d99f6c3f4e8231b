using System;
using FastToken;
using FastToken.Policies;

namespace Broken;

[TokenPolicy]
[AllowAlgorithms("none")]
[RequireScopes("read", "read")]
public partial struct Mistaken
{
    [Claim("tenant")]
    public partial ReadOnlySpan<byte> Tenant { get; }

    [Claim("names")]
    public partial string[] Names { get; }
}
