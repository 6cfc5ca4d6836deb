using CommunityPartyPortal.Domain.Rules;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.UnitTests.Rules;

public sealed class NationalIdTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("11010519491231002x")]
    [InlineData("440524198001010013")]
    [InlineData("610322199003071234")]
    [InlineData("320506198511150059")]
    public void Valid_numbers_pass(string id)
    {
        NationalId.TryValidate(id, Today, out var error).ShouldBeTrue(error);
        error.ShouldBeNull();
    }

    [Fact]
    public void The_check_digit_follows_GB11643()
    {
        NationalId.CheckDigit("11010519491231002").ShouldBe('X');
        NationalId.CheckDigit("44052419800101001").ShouldBe('3');
        NationalId.CheckDigit("61032219900307123").ShouldBe('4');
        NationalId.CheckDigit("32050619851115005").ShouldBe('9');
    }

    [Theory]
    [InlineData("110105194912310021")]
    [InlineData("110105194912310029")]
    [InlineData("110105194912310020")]
    public void A_changed_last_character_fails_with_the_check_digit_message(string id)
    {
        NationalId.TryValidate(id, Today, out var error).ShouldBeFalse();
        error.ShouldBe("身份证号校验位不正确，请核对");
    }

    [Theory]
    [InlineData("", "请填写身份证号")]
    [InlineData("1101051949123100", "身份证号应为18位")]
    [InlineData("11010519491231002XX", "身份证号应为18位")]
    [InlineData("1101A5194912310020", "身份证号前17位应为数字")]
    [InlineData("11010519491231002Y", "身份证号最后一位应为数字或X")]
    [InlineData("010105194912310020", "身份证号的地区码无效")]
    public void Malformed_numbers_are_explained(string id, string message)
    {
        NationalId.TryValidate(id, Today, out var error).ShouldBeFalse();
        error.ShouldBe(message);
    }

    [Theory]
    [InlineData("19490230")] // 30 February
    [InlineData("18991231")] // before 1900
    [InlineData("20261123")] // tomorrow
    [InlineData("19491332")] // month 13
    public void The_birth_date_must_be_real_and_past(string birth)
    {
        var first17 = "110105" + birth + "002";
        var id = first17 + NationalId.CheckDigit(first17);
        NationalId.TryValidate(id, Today, out var error).ShouldBeFalse();
        error.ShouldBe("身份证号中的出生日期无效");
    }

    [Fact]
    public void Birth_date_and_gender_are_read_from_the_number()
    {
        NationalId.BirthDate("11010519491231002X").ShouldBe(new DateOnly(1949, 12, 31));
        NationalId.IsMale("11010519491231002X").ShouldBe(false); // 17th digit 2: even
        NationalId.IsMale("440524198001010013").ShouldBe(true);  // 17th digit 1: odd
    }
}
