using CommunityPartyPortal.Web.Infrastructure;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.UnitTests.Rules;

public sealed class PasswordPolicyTests
{
    private sealed class User;

    [Theory]
    [InlineData("Abcdefgh12", true)]   // upper, lower, digit
    [InlineData("abcdefgh1!", true)]   // lower, digit, symbol
    [InlineData("ABCDEFGH1!", true)]   // upper, digit, symbol
    [InlineData("Abcdefghij", false)]  // two classes
    [InlineData("abcdefgh12", false)]  // two classes
    [InlineData("Abc1!", false)]       // too short
    [InlineData("Abcdefg1!", false)]   // nine characters
    public async Task Ten_characters_from_three_classes(string password, bool ok)
    {
        var result = await new PasswordClassesValidator<User>().ValidateAsync(null!, new User(), password);
        result.Succeeded.ShouldBe(ok);
        if (!ok) result.Errors.ShouldAllBe(e => e.Description.StartsWith("密码"));
    }
}
