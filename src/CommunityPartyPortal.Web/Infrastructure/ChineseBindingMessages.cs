using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace CommunityPartyPortal.Web.Infrastructure;

/// <summary>MVC's model-binding messages in Chinese.</summary>
public static class ChineseBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider p)
    {
        p.SetAttemptedValueIsInvalidAccessor((value, field) => $"“{value}”不是有效的{field}");
        p.SetMissingBindRequiredValueAccessor(field => $"请填写{field}");
        p.SetMissingKeyOrValueAccessor(() => "缺少值");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "请求内容不能为空");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"“{value}”无效");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "填写的值无效");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "请填写数字");
        p.SetUnknownValueIsInvalidAccessor(field => $"{field}的值无效");
        p.SetValueIsInvalidAccessor(value => $"“{value}”无效");
        p.SetValueMustBeANumberAccessor(field => $"{field}必须是数字");
        p.SetValueMustNotBeNullAccessor(value => "此项不能为空");
    }
}
