package io.ueledger.kernel.mdm;

/** One entry of the ErrorChain a device returns with Status=Error; diagnostic only, codes are not stable. */
public record ErrorChainItem(Integer errorCode, String errorDomain, String localizedDescription, String usEnglishDescription) {
}
