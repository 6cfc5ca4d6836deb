using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace CommunityPartyPortal.Web.Infrastructure;

/// <summary>
/// Chinese messages for the validation attributes that name none: the implicit [Required] MVC adds to every non-nullable
/// value type (an enum choice, a check box) and any attribute written without an ErrorMessage. Registered after MVC's own
/// providers, so it sees the implicit attributes too; an attribute with its own message keeps it. The messages are the
/// templates DataAnnotations formats ({0} the field's display name, {1}, {2} the attribute's limits), so the server and
/// the browser (<c>data-val-*</c>) say the same.
/// </summary>
public sealed class ChineseValidationMessages : IValidationMetadataProvider
{
    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        // A non-nullable value type is always required: MVC's client validator provider adds a default [Required] (English
        // message) when the metadata has none, so give it one with a Chinese message. On the server it never fails (the value
        // is never null); a missing value is reported by the model binder (ChineseBindingMessages).
        var type = context.Key.ModelType;
        var metadata = context.ValidationMetadata.ValidatorMetadata;
        if (context.Key.MetadataKind is ModelMetadataKind.Property or ModelMetadataKind.Parameter
            && type.IsValueType && Nullable.GetUnderlyingType(type) is null
            && !metadata.OfType<RequiredAttribute>().Any())
        {
            metadata.Add(new RequiredAttribute { ErrorMessage = type.IsEnum || type == typeof(bool) ? "请选择{0}" : "请填写{0}" });
        }

        foreach (var attribute in context.ValidationMetadata.ValidatorMetadata.OfType<ValidationAttribute>())
        {
            if (attribute.ErrorMessage is not null || attribute.ErrorMessageResourceType is not null) continue;
            if (Template(attribute) is { } template) attribute.ErrorMessage = template;
        }
    }

    private static string? Template(ValidationAttribute attribute) => attribute switch
    {
        RequiredAttribute => "请填写{0}",
        StringLengthAttribute { MinimumLength: > 0 } => "{0}应为{2}至{1}个字符",
        StringLengthAttribute => "{0}不能超过{1}个字符",
        MaxLengthAttribute => "{0}不能超过{1}个字符",
        MinLengthAttribute => "{0}不能少于{1}个字符",
        RangeAttribute => "{0}应在{1}至{2}之间",
        RegularExpressionAttribute => "{0}的格式不正确",
        EmailAddressAttribute => "{0}不是有效的电子邮箱地址",
        PhoneAttribute => "{0}不是有效的电话号码",
        CompareAttribute => "{0}与{1}不一致",
        _ => "{0}填写有误",
    };
}
