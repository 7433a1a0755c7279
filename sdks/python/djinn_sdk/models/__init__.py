"""Contains all the data models used in inputs/outputs"""

from .accepted_invite import AcceptedInvite
from .artifact import Artifact
from .build import Build
from .build_create import BuildCreate
from .build_key import BuildKey
from .build_object import BuildObject
from .build_variable import BuildVariable
from .collaborator import Collaborator
from .cron import Cron
from .cron_create import CronCreate
from .cron_create_schedule import CronCreateSchedule
from .cron_schedule import CronSchedule
from .cron_update import CronUpdate
from .cron_update_schedule import CronUpdateSchedule
from .error import Error
from .image import Image
from .image_create import ImageCreate
from .image_download import ImageDownload
from .image_driver import ImageDriver
from .index import Index
from .invite import Invite
from .invite_create import InviteCreate
from .job import Job
from .key import Key
from .key_create import KeyCreate
from .key_update import KeyUpdate
from .namespace import Namespace
from .namespace_create import NamespaceCreate
from .namespace_create_visibility import NamespaceCreateVisibility
from .namespace_update import NamespaceUpdate
from .namespace_update_visibility import NamespaceUpdateVisibility
from .namespace_visibility import NamespaceVisibility
from .o_auth_app import OAuthApp
from .o_auth_app_create import OAuthAppCreate
from .o_auth_app_with_secret import OAuthAppWithSecret
from .o_auth_authorization import OAuthAuthorization
from .o_auth_consent import OAuthConsent
from .o_auth_consent_code_challenge_method import OAuthConsentCodeChallengeMethod
from .o_auth_consent_decision import OAuthConsentDecision
from .o_auth_error import OAuthError
from .o_auth_error_error import OAuthErrorError
from .o_auth_login import OAuthLogin
from .o_auth_login_code_challenge_method import OAuthLoginCodeChallengeMethod
from .o_auth_sign_out import OAuthSignOut
from .o_auth_sign_out_code_challenge_method import OAuthSignOutCodeChallengeMethod
from .o_auth_token import OAuthToken
from .o_auth_token_request import OAuthTokenRequest
from .o_auth_token_token_type import OAuthTokenTokenType
from .object_ import Object
from .show_authorize_code_challenge_method import ShowAuthorizeCodeChallengeMethod
from .show_authorize_response_type import ShowAuthorizeResponseType
from .status import Status
from .tag import Tag
from .trigger import Trigger
from .trigger_data import TriggerData
from .trigger_type import TriggerType
from .user import User
from .validation_errors import ValidationErrors
from .variable import Variable
from .variable_create import VariableCreate
from .webhook import Webhook
from .webhook_create import WebhookCreate
from .webhook_event import WebhookEvent
from .webhook_response import WebhookResponse
from .webhook_update import WebhookUpdate

__all__ = (
    "AcceptedInvite",
    "Artifact",
    "Build",
    "BuildCreate",
    "BuildKey",
    "BuildObject",
    "BuildVariable",
    "Collaborator",
    "Cron",
    "CronCreate",
    "CronCreateSchedule",
    "CronSchedule",
    "CronUpdate",
    "CronUpdateSchedule",
    "Error",
    "Image",
    "ImageCreate",
    "ImageDownload",
    "ImageDriver",
    "Index",
    "Invite",
    "InviteCreate",
    "Job",
    "Key",
    "KeyCreate",
    "KeyUpdate",
    "Namespace",
    "NamespaceCreate",
    "NamespaceCreateVisibility",
    "NamespaceUpdate",
    "NamespaceUpdateVisibility",
    "NamespaceVisibility",
    "OAuthApp",
    "OAuthAppCreate",
    "OAuthAppWithSecret",
    "OAuthAuthorization",
    "OAuthConsent",
    "OAuthConsentCodeChallengeMethod",
    "OAuthConsentDecision",
    "OAuthError",
    "OAuthErrorError",
    "OAuthLogin",
    "OAuthLoginCodeChallengeMethod",
    "OAuthSignOut",
    "OAuthSignOutCodeChallengeMethod",
    "OAuthToken",
    "OAuthTokenRequest",
    "OAuthTokenTokenType",
    "Object",
    "ShowAuthorizeCodeChallengeMethod",
    "ShowAuthorizeResponseType",
    "Status",
    "Tag",
    "Trigger",
    "TriggerData",
    "TriggerType",
    "User",
    "ValidationErrors",
    "Variable",
    "VariableCreate",
    "Webhook",
    "WebhookCreate",
    "WebhookEvent",
    "WebhookResponse",
    "WebhookUpdate",
)
