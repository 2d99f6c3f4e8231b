namespace FastToken.Samples.Login;

/// <summary>
/// The people of the sample, with what their tokens grant. The passwords are for the demo only.
/// </summary>
public static class SampleUsers
{
    /// <summary>Alice may read and write orders and is an administrator.</summary>
    public static readonly SampleUser Alice = new("alice", "alice-password", "orders.read orders.write", ["admin"]);

    /// <summary>Bob may only read orders.</summary>
    public static readonly SampleUser Bob = new("bob", "bob-password", "orders.read", []);

    /// <summary>Carol has an account but no access to orders.</summary>
    public static readonly SampleUser Carol = new("carol", "carol-password", "profile", []);

    /// <summary>Finds the user with these credentials.</summary>
    /// <returns>The user, or null when the name or the password is wrong.</returns>
    public static SampleUser? Find(string? name, string? password)
    {
        foreach (SampleUser user in (SampleUser[])[Alice, Bob, Carol])
        {
            if (user.Name == name && user.Password == password)
            {
                return user;
            }
        }

        return null;
    }
}

/// <summary>A sample user.</summary>
/// <param name="Name">The user name, which becomes <c>sub</c>.</param>
/// <param name="Password">The password.</param>
/// <param name="Scope">The scopes granted, space separated.</param>
/// <param name="Roles">The roles held.</param>
public sealed record SampleUser(string Name, string Password, string Scope, string[] Roles);
