package org.civicast.projects;

import java.util.List;

/** What a project sends and to whom: everything PATCH may change while the project is editable. */
record ProjectSettings(String name, String protocol, String messageText, List<String> phoneNumberIds,
                       List<String> contactListIds, List<String> suppressionListIds, List<String> mediaIds,
                       LinkSettings linkTracking, boolean optOutFooter, boolean smartEncoding) {
    static final String SMS = "sms";
    static final String MMS = "mms";

    ProjectSettings {
        phoneNumberIds = List.copyOf(phoneNumberIds);
        contactListIds = List.copyOf(contactListIds);
        suppressionListIds = List.copyOf(suppressionListIds);
        mediaIds = List.copyOf(mediaIds);
    }

    boolean mms() {
        return protocol.equals(MMS);
    }

    /** True when what recipients see differs: the text, its protocol and media, the link, the footer or the encoding. */
    boolean messageDiffers(ProjectSettings other) {
        return !protocol.equals(other.protocol) || !messageText.equals(other.messageText)
                || !mediaIds.equals(other.mediaIds) || !linkTracking.equals(other.linkTracking)
                || optOutFooter != other.optOutFooter || smartEncoding != other.smartEncoding;
    }

    ProjectSettings withName(String newName) {
        return new ProjectSettings(newName, protocol, messageText, phoneNumberIds, contactListIds, suppressionListIds,
                mediaIds, linkTracking, optOutFooter, smartEncoding);
    }

    ProjectSettings withContactLists(List<String> lists) {
        return new ProjectSettings(name, protocol, messageText, phoneNumberIds, lists, suppressionListIds,
                mediaIds, linkTracking, optOutFooter, smartEncoding);
    }
}
