using CommunityPartyPortal.Domain.Rules;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.UnitTests.Rules;

public sealed class MaskingAndPhoneTests
{
    [Fact]
    public void National_ids_show_three_and_four()
    {
        Masking.NationalId("110105194912311234").ShouldBe("110***********1234");
        Masking.NationalId("11010519491231002X").ShouldBe("110***********002X");
        Masking.NationalId("").ShouldBe("");
        Masking.NationalId("12345").ShouldBe("*****");
    }

    [Fact]
    public void Phones_show_three_and_four()
    {
        Masking.Mobile("13812345678").ShouldBe("138****5678");
        Masking.Mobile(null).ShouldBe("");
    }

    [Theory]
    [InlineData("13812345678", true)]
    [InlineData("19912345678", true)]
    [InlineData(" 138 1234 5678 ", true)]
    [InlineData("12812345678", false)]
    [InlineData("1381234567", false)]
    [InlineData("138123456789", false)]
    [InlineData("23812345678", false)]
    [InlineData("1381234567a", false)]
    public void Mobile_numbers_follow_the_mainland_pattern(string value, bool valid)
    {
        MobilePhone.TryValidate(value, out var error).ShouldBe(valid);
        if (!valid) error.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void An_empty_phone_asks_for_one()
    {
        MobilePhone.TryValidate("", out var error).ShouldBeFalse();
        error.ShouldBe("请填写手机号码");
    }
}
